WITH cash_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.establishment_id AS establishment, f.period AS month, SUM(f.cash_eur) AS value
FROM treasury AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
cash_1 AS (
SELECT bucket, establishment, arg_max(value, month) AS value FROM cash_monthly_0 GROUP BY ALL
),
total_expenses_2 AS (
SELECT f.period AS bucket, f.establishment_id AS establishment, SUM(f.actual_eur) AS value
FROM finance AS f
WHERE f.period BETWEEN DATE '2023-02-01' AND DATE '2024-06-01'
  AND (f.section = 'charges')
GROUP BY ALL
),
total_expenses_trailing_3 AS (
SELECT bucket AS month, establishment, CASE WHEN count(*) OVER (PARTITION BY establishment ORDER BY bucket RANGE BETWEEN INTERVAL 11 MONTH PRECEDING AND CURRENT ROW) = 12 THEN sum(value) OVER (PARTITION BY establishment ORDER BY bucket RANGE BETWEEN INTERVAL 11 MONTH PRECEDING AND CURRENT ROW) END AS value
FROM total_expenses_2
),
total_expenses_12m_4 AS (
SELECT DATE '2024-01-01' AS bucket, establishment, arg_max(value, month) AS value FROM total_expenses_trailing_3
WHERE month BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
days_of_cash_keys_5 AS (
SELECT bucket, establishment FROM cash_1
UNION
SELECT bucket, establishment FROM total_expenses_12m_4
),
days_of_cash_6 AS (
SELECT k.bucket, k.establishment, i_cash.value / NULLIF((i_expenses_12m.value / 365), 0) AS value
FROM days_of_cash_keys_5 AS k
LEFT JOIN cash_1 AS i_cash ON k.bucket IS NOT DISTINCT FROM i_cash.bucket AND k.establishment IS NOT DISTINCT FROM i_cash.establishment
LEFT JOIN total_expenses_12m_4 AS i_expenses_12m ON k.bucket IS NOT DISTINCT FROM i_expenses_12m.bucket AND k.establishment IS NOT DISTINCT FROM i_expenses_12m.establishment
)
SELECT cur.bucket, cur.establishment, cur.value
FROM days_of_cash_6 AS cur
QUALIFY row_number() OVER (PARTITION BY cur.bucket ORDER BY cur.value DESC NULLS LAST, cur.establishment) <= 3
ORDER BY cur.bucket, cur.value DESC NULLS LAST, cur.establishment
LIMIT 10001
