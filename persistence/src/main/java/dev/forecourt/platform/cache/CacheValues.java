package dev.forecourt.platform.cache;

import dev.forecourt.platform.security.ClientBlock;
import dev.forecourt.platform.security.IntrusionCount;
import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;

/**
 * The ProtoStream schema of the application's own cache values (the annotation processor writes
 * {@code CacheValuesImpl}): what a clustered cache sends to the other nodes.
 */
@ProtoSchema(
    includeClasses = {IntrusionCount.class, ClientBlock.class, ResponseTag.class},
    schemaPackageName = "forecourt",
    schemaFileName = "forecourt-cache.proto",
    schemaFilePath = "proto")
public interface CacheValues extends GeneratedSchema {}
