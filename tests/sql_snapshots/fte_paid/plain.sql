WITH fte_paid_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.period AS month, SUM(f.fte_paid) AS value
FROM hr AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
fte_paid_1 AS (
SELECT bucket, avg(value) AS value FROM fte_paid_monthly_0 GROUP BY ALL
)
SELECT cur.bucket, cur.value
FROM fte_paid_1 AS cur
ORDER BY cur.bucket
LIMIT 10001
