WITH bed_occupancy_rate_0 AS (
SELECT DATE '2024-01-01' AS bucket, (SUM(f.bed_days)) / NULLIF(SUM(f.installed_beds * DAY(LAST_DAY(f.period))), 0) AS value
FROM activity AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND f.establishment_id = '990000012'
  AND f.pole = 'Chirurgie'
GROUP BY ALL
)
SELECT cur.bucket, cur.value
FROM bed_occupancy_rate_0 AS cur
ORDER BY cur.bucket
LIMIT 10001
