-- One more link of every bench case's history chain (seed_cases.sql runs it three times): the
-- event after the case's head, its hash the SHA-256 of the JSON Puente hashes (repo/history.rs),
-- and the case's head moved to it.
insert into case_events (id, case_id, seq, actor_id, actor_role, event, data, state_before,
                         state_after, held_from_after, created_at, prev_hash, hash, data_sha256)
select md5(c.id::text || e.seq)::uuid, c.id, e.seq, null, null, e.event, '{}'::json, e.before,
       e.after, null, e.at, c.history_head,
       encode(sha256(convert_to(format(
         '{"case":"%s","seq":%s,"actor":null,"role":null,"event":"%s","data_sha256":"%s","before":"%s","after":"%s","held_from":null,"at":"%s","prev":"%s"}',
         c.id, e.seq, e.event, e.digest, e.before, e.after,
         to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), c.history_head), 'UTF8')), 'hex'),
       e.digest
from cases c
cross join lateral (
  select s.*, date_trunc('second', c.created_at) + s.seq * interval '1 hour' as at,
         encode(sha256(convert_to('{}', 'UTF8')), 'hex') as digest
  from bench_steps s where s.seq = c.history_length + 1) e
where c.reference like 'PUE-BENCH-%';
update cases c set history_head = h.hash, history_length = h.seq
from case_events h
where h.case_id = c.id and h.seq = c.history_length + 1 and c.reference like 'PUE-BENCH-%';
