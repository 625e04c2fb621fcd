WITH cash_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.establishment_id AS establishment, f.period AS month, SUM(f.cash_eur) AS value
FROM treasury AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
cash_1 AS (
SELECT bucket, establishment, arg_max(value, month) AS value FROM cash_monthly_0 GROUP BY ALL
)
SELECT cur.bucket, cur.establishment, cur.value
FROM cash_1 AS cur
QUALIFY row_number() OVER (PARTITION BY cur.bucket ORDER BY cur.value DESC NULLS LAST, cur.establishment) <= 3
ORDER BY cur.bucket, cur.value DESC NULLS LAST, cur.establishment
LIMIT 10001
