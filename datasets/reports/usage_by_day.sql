-- description: Per event day (UTC), the number of events by type, call minutes and data volume.
-- parameters:
--   from:
--     type: date
--     required: true
--   to:
--     type: date
--     required: true
SELECT
  CAST(event_time AS DATE) AS event_date,
  count(*) AS events,
  count_if(event_type = 'call') AS calls,
  count_if(event_type = 'sms') AS messages,
  count_if(event_type = 'data') AS data_sessions,
  coalesce(sum(duration_s), 0) AS call_seconds,
  coalesce(sum(bytes), 0) AS data_bytes,
  count(DISTINCT cell_id) AS cells
FROM {{telecom_usage}}
WHERE CAST(event_time AS DATE) BETWEEN :from AND :to
GROUP BY CAST(event_time AS DATE)
ORDER BY CAST(event_time AS DATE)
