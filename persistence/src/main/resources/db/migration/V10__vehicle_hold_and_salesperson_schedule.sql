-- A vehicle reserved by a deal is held by it: only that deal sells or releases it, a status change
-- by hand (PUT /vehicles/{id}) is refused. A plain id, no foreign key: inventory does not know sales.
-- Portable between PostgreSQL and H2 in PostgreSQL mode.
alter table vehicle add column held_by_deal bigint;

-- the open deals of today hold their vehicles
update vehicle set held_by_deal =
    (select max(d.id) from deal d where d.vehicle_id = vehicle.id and d.status = 'RESERVED')
  where status = 'RESERVED';

-- One row per salesperson who has booked a test drive: a booking locks its salesperson's row
-- (SELECT ... FOR UPDATE) as it locks the vehicle's, so the bookings of one salesperson queue up
-- and two overlapping ones can never both succeed.
create table salesperson_schedule (
    salesperson varchar(100) not null,
    constraint pk_salesperson_schedule primary key (salesperson)
);
insert into salesperson_schedule (salesperson) select distinct salesperson from test_drive;
