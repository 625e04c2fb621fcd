WITH fte_paid_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.period AS month, SUM(f.fte_paid) AS value
FROM hr AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
fte_paid_1 AS (
SELECT bucket, avg(value) AS value FROM fte_paid_monthly_0 GROUP BY ALL
),
fte_paid_budget_monthly_2 AS (
SELECT DATE '2024-01-01' AS bucket, f.period AS month, SUM(f.fte_budget) AS value
FROM hr AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
fte_paid_budget_3 AS (
SELECT bucket, avg(value) AS value FROM fte_paid_budget_monthly_2 GROUP BY ALL
)
SELECT cur.bucket, cur.value, cmp.value AS compare_value
FROM fte_paid_1 AS cur
LEFT JOIN fte_paid_budget_3 AS cmp ON cur.bucket IS NOT DISTINCT FROM cmp.bucket
ORDER BY cur.bucket
LIMIT 10001
