WITH debt_outstanding_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.establishment_id AS establishment, f.period AS month, SUM(f.debt_outstanding_eur) AS value
FROM treasury AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
debt_outstanding_1 AS (
SELECT bucket, establishment, arg_max(value, month) AS value FROM debt_outstanding_monthly_0 GROUP BY ALL
)
SELECT cur.bucket, cur.establishment, cur.value
FROM debt_outstanding_1 AS cur
ORDER BY cur.bucket, cur.establishment
LIMIT 10001
