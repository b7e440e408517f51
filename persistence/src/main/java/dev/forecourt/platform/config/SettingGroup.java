package dev.forecourt.platform.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one concern: a bean (usually {@code @Dependent}) whose {@code public static
 * final} {@link Setting} fields are its keys. {@link ConfigurationCheck} finds every group through
 * CDI, so the platform validates a context's keys without knowing the context.
 */
public interface SettingGroup {

  /** The keys this group declares, in declaration order. */
  default List<Setting<?>> settings() {
    // a normal-scoped group is a proxy: its declarations are in a superclass
    for (Class<?> c = getClass(); c != Object.class; c = c.getSuperclass()) {
      List<Setting<?>> declared = declaredIn(c);
      if (!declared.isEmpty()) {
        return declared;
      }
    }
    return List.of();
  }

  /** The {@code public static final} {@link Setting} fields of {@code group}. */
  static List<Setting<?>> declaredIn(Class<?> group) {
    List<Setting<?>> found = new ArrayList<>();
    for (Field field : group.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (field.getType() == Setting.class
          && Modifier.isStatic(modifiers)
          && Modifier.isPublic(modifiers)
          && Modifier.isFinal(modifiers)) {
        try {
          found.add((Setting<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return found;
  }
}
