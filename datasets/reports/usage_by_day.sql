-- description: Per event day (UTC), the number of events by type, call minutes and data volume.
-- parameters:
--   from:
--     type: date
--     required: true
--   to:
--     type: date
--     required: true
SELECT
  event_date,
  count(*) AS events,
  count_if(event_type = 'call') AS calls,
  count_if(event_type = 'sms') AS messages,
  count_if(event_type = 'data') AS data_sessions,
  coalesce(sum(duration_s), 0) AS call_seconds,
  coalesce(sum(bytes), 0) AS data_bytes,
  count(DISTINCT cell_id) AS cells
FROM {{telecom_usage}}
WHERE event_date BETWEEN :from AND :to
GROUP BY event_date
ORDER BY event_date
