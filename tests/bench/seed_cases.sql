-- A caseload for measuring the case lists: :shelters shelters over Mexico's 32 states and
-- :cases cases among them, in every stage, created over two years, each with an intake of the
-- usual size and a history of three events whose hash chain verifies (`puente audit verify`):
-- each event's hash is the SHA-256 of the JSON Puente hashes (repo/history.rs), computed here.
-- Run on a migrated, empty PostgreSQL database:
--   psql "$URL" -v shelters=1000 -v cases=100000 -f tests/bench/seed_cases.sql
\set ON_ERROR_STOP on
begin;
create temporary table bench_states(n int primary key, code text) on commit drop;
insert into bench_states
select row_number() over () - 1, code from unnest(array[
  'MX-AGU','MX-BCN','MX-BCS','MX-CAM','MX-CHP','MX-CHH','MX-CMX','MX-COA','MX-COL','MX-DUR',
  'MX-GUA','MX-GRO','MX-HID','MX-JAL','MX-MEX','MX-MIC','MX-MOR','MX-NAY','MX-NLE','MX-OAX',
  'MX-PUE','MX-QUE','MX-ROO','MX-SLP','MX-SIN','MX-SON','MX-TAB','MX-TAM','MX-TLA','MX-VER',
  'MX-YUC','MX-ZAC']) as code;
create temporary table bench_stages(n int primary key, status text) on commit drop;
insert into bench_stages
select row_number() over () - 1, status from unnest(array[
  'draft','submitted','needs_info','open','claimed','name_reservation','drafting',
  'shelter_review','notary','signed','filed','on_hold','closed','declined','withdrawn']) as status;

insert into organizations (id, kind, name, state, municipality, verified, created_at)
select md5('shelter' || s)::uuid, 'shelter', 'Albergue de prueba ' || s,
       (select code from bench_states where n = s % 32), 'Municipio ' || s, s % 10 <> 0,
       now() - interval '800 days'
from generate_series(1, :shelters) as s;

insert into cases (id, reference, status, version, shelter_id, domicile_state, title, intake,
                   history_head, history_length, created_at, updated_at, status_changed_at,
                   last_activity_at)
select md5('case' || c)::uuid,
       'PUE-BENCH-' || lpad(c::text, 7, '0'),
       (select status from bench_stages where n = c % 15),
       1,
       md5('shelter' || (c % :shelters + 1))::uuid,
       (select code from bench_states where n = (c % :shelters + 1) % 32),
       'Casa de prueba ' || c,
       json_build_object(
         'proposed_names', json_build_array('Casa de prueba ' || c, 'Albergue de prueba ' || c),
         'purpose', 'Brindar albergue, alimentación y orientación legal a personas migrantes en tránsito.',
         'domicile', json_build_object('state', (select code from bench_states where n = (c % :shelters + 1) % 32),
                                       'municipality', 'Municipio', 'address', 'Calle 123, Centro'),
         'associates', json_build_array(
            json_build_object('full_name', 'Persona Uno ' || c, 'nationality', 'MX', 'board_role', 'president'),
            json_build_object('full_name', 'Persona Dos ' || c, 'nationality', 'HT', 'board_role', 'secretary')),
         'governance', 'board', 'legal_representative', 0, 'privacy_consent', true,
         'associates_consent', true),
       encode(sha256(convert_to('puente:case:' || md5('case' || c)::uuid::text, 'UTF8')), 'hex'), 0,
       now() - (c % 730) * interval '1 day' - (c % 86400) * interval '1 second',
       now() - (c % 30) * interval '1 day',
       now() - (c % 90) * interval '1 day' - (c % 3600) * interval '1 second',
       now() - (c % 30) * interval '1 day'
from generate_series(1, :cases) as c;

-- Three events per case, one link of every chain at a time.
create temporary table bench_steps(seq int primary key, event text, before text, after text)
  on commit drop;
insert into bench_steps values
  (1, 'submit', 'draft', 'submitted'), (2, 'accept', 'submitted', 'open'), (3, 'claim', 'open', 'claimed');
\ir seed_history_link.sql
\ir seed_history_link.sql
\ir seed_history_link.sql
commit;
analyze organizations;
analyze cases;
analyze case_events;
