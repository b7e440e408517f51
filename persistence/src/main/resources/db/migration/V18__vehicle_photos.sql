-- Photos of a vehicle (POST /api/v1/vehicles/{id}/photos): kept in the database, so every node of a
-- cluster serves them and a backup holds them. What is stored is the server's own re-encoding of the
-- upload (JPEG, or PNG for a PNG), so no metadata of the camera (EXIF: place, device) and nothing
-- else the upload carried besides its pixels survives. A photo is never changed, only deleted.
-- Portable between PostgreSQL and H2 in PostgreSQL mode.

create sequence vehicle_photo_seq start with 50 increment by 50;

create table vehicle_photo (
    id           bigint                   not null,
    vehicle_id   bigint                   not null,
    content_type varchar(20)              not null,
    width        integer                  not null,
    height       integer                  not null,
    byte_size    integer                  not null,
    content      bytea                    not null,
    created_by   varchar(200)             not null,
    created_at   timestamp with time zone not null,
    constraint pk_vehicle_photo primary key (id),
    constraint fk_vehicle_photo_vehicle foreign key (vehicle_id) references vehicle (id) on delete cascade
);
create index ix_vehicle_photo_vehicle on vehicle_photo (vehicle_id, id);
