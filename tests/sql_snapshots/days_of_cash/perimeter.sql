WITH cash_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.period AS month, SUM(f.cash_eur) AS value
FROM treasury AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND f.establishment_id = '990000012'
GROUP BY ALL
),
cash_1 AS (
SELECT bucket, arg_max(value, month) AS value FROM cash_monthly_0 GROUP BY ALL
),
total_expenses_2 AS (
SELECT f.period AS bucket, SUM(f.actual_eur) AS value
FROM finance AS f
WHERE f.period BETWEEN DATE '2023-02-01' AND DATE '2024-06-01'
  AND (f.section = 'charges')
  AND f.establishment_id = '990000012'
GROUP BY ALL
),
total_expenses_trailing_3 AS (
SELECT bucket AS month, CASE WHEN count(*) OVER (ORDER BY bucket RANGE BETWEEN INTERVAL 11 MONTH PRECEDING AND CURRENT ROW) = 12 THEN sum(value) OVER (ORDER BY bucket RANGE BETWEEN INTERVAL 11 MONTH PRECEDING AND CURRENT ROW) END AS value
FROM total_expenses_2
),
total_expenses_12m_4 AS (
SELECT DATE '2024-01-01' AS bucket, arg_max(value, month) AS value FROM total_expenses_trailing_3
WHERE month BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
days_of_cash_keys_5 AS (
SELECT bucket FROM cash_1
UNION
SELECT bucket FROM total_expenses_12m_4
),
days_of_cash_6 AS (
SELECT k.bucket, i_cash.value / NULLIF((i_expenses_12m.value / 365), 0) AS value
FROM days_of_cash_keys_5 AS k
LEFT JOIN cash_1 AS i_cash ON k.bucket IS NOT DISTINCT FROM i_cash.bucket
LEFT JOIN total_expenses_12m_4 AS i_expenses_12m ON k.bucket IS NOT DISTINCT FROM i_expenses_12m.bucket
)
SELECT cur.bucket, cur.value
FROM days_of_cash_6 AS cur
ORDER BY cur.bucket
LIMIT 10001
