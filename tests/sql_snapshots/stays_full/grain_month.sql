WITH stays_full_0 AS (
SELECT f.period AS bucket, SUM(f.stays_full) AS value
FROM activity AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
)
SELECT cur.bucket, cur.value
FROM stays_full_0 AS cur
ORDER BY cur.bucket
LIMIT 10001
