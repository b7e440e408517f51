-- Vehicle views recorded for dealer websites (POST /vehicles/{id}/views), de-duplicated per
-- visitor per hour by the primary key: the same visitor within the same hour counts once, also
-- under concurrent requests and across a cluster (insert ... on conflict do nothing).
-- visitor: SHA-256 (hex) over the hour and the visitor's id, or its address and user agent; it is
-- salted by the hour, so one visitor's views cannot be linked across hours.
-- Inquiries are not stored twice: they are the leads naming a vehicle (sales_lead.vehicle_id).
-- Portable between PostgreSQL and H2 in PostgreSQL mode.

create table vehicle_view (
    vehicle_id bigint      not null,
    visitor    varchar(64) not null,
    epoch_hour bigint      not null,
    constraint pk_vehicle_view primary key (vehicle_id, visitor, epoch_hour),
    constraint fk_vehicle_view_vehicle foreign key (vehicle_id) references vehicle (id) on delete cascade
);
create index ix_vehicle_view_hour on vehicle_view (epoch_hour);

-- inquiries per vehicle are counted from the leads
create index ix_sales_lead_vehicle on sales_lead (vehicle_id);
