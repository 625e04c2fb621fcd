WITH ip_dms_0 AS (
SELECT DATE '2024-01-01' AS bucket, (SUM(f.bed_days)) / NULLIF(SUM(f.expected_bed_days), 0) AS value
FROM activity AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
)
SELECT cur.bucket, cur.value
FROM ip_dms_0 AS cur
ORDER BY cur.bucket
LIMIT 10001
