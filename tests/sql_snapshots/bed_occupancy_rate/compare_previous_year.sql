WITH bed_occupancy_rate_0 AS (
SELECT DATE '2024-01-01' AS bucket, (SUM(f.bed_days)) / NULLIF(SUM(f.installed_beds * DAY(LAST_DAY(f.period))), 0) AS value
FROM activity AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
bed_occupancy_rate_1 AS (
SELECT DATE '2024-01-01' AS bucket, (SUM(f.bed_days)) / NULLIF(SUM(f.installed_beds * DAY(LAST_DAY(f.period))), 0) AS value
FROM activity AS f
WHERE f.period BETWEEN DATE '2023-01-01' AND DATE '2023-06-01'
GROUP BY ALL
)
SELECT cur.bucket, cur.value, cmp.value AS compare_value
FROM bed_occupancy_rate_0 AS cur
LEFT JOIN bed_occupancy_rate_1 AS cmp ON cur.bucket IS NOT DISTINCT FROM cmp.bucket
ORDER BY cur.bucket
LIMIT 10001
