WITH cash_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.period AS month, SUM(f.cash_eur) AS value
FROM treasury AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
cash_1 AS (
SELECT bucket, arg_max(value, month) AS value FROM cash_monthly_0 GROUP BY ALL
),
cash_monthly_2 AS (
SELECT DATE '2024-01-01' AS bucket, CAST(f.period + INTERVAL 12 MONTH AS DATE) AS month, SUM(f.cash_eur) AS value
FROM treasury AS f
WHERE f.period BETWEEN DATE '2023-01-01' AND DATE '2023-06-01'
GROUP BY ALL
),
cash_3 AS (
SELECT bucket, arg_max(value, month) AS value FROM cash_monthly_2 GROUP BY ALL
)
SELECT cur.bucket, cur.value, cmp.value AS compare_value
FROM cash_1 AS cur
LEFT JOIN cash_3 AS cmp ON cur.bucket IS NOT DISTINCT FROM cmp.bucket
ORDER BY cur.bucket
LIMIT 10001
