WITH cash_monthly_0 AS (
SELECT f.period AS bucket, f.period AS month, SUM(f.cash_eur) AS value
FROM treasury AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
cash_1 AS (
SELECT bucket, arg_max(value, month) AS value FROM cash_monthly_0 GROUP BY ALL
)
SELECT cur.bucket, cur.value
FROM cash_1 AS cur
ORDER BY cur.bucket
LIMIT 10001
