-- The W3C trace context (traceparent) of the transaction that wrote an outbox event, when it was
-- traced: the relay sends it with the event, so the consumers' work (the webhook deliveries) joins
-- the trace of the request that caused it. An id and flags, never data.
alter table outbox_event add column traceparent varchar(55);
