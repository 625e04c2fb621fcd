WITH treasury_depreciation_0 AS (
SELECT f.period AS bucket, f.establishment_id AS establishment, SUM(f.depreciation_eur) AS value
FROM treasury AS f
WHERE f.period BETWEEN DATE '2023-02-01' AND DATE '2024-06-01'
GROUP BY ALL
),
operating_result_fused_monthly_1 AS (
SELECT f.period AS bucket, f.establishment_id AS establishment, f.period AS month, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges') AS m_expenses, SUM(f.actual_eur) FILTER(WHERE f.section = 'produits') AS m_revenue
FROM finance AS f
WHERE f.period BETWEEN DATE '2023-02-01' AND DATE '2024-06-01'
  AND ((f.section = 'charges') OR (f.section = 'produits'))
GROUP BY ALL
),
operating_result_inputs_2 AS (
SELECT bucket, establishment, sum(m_expenses) AS i_expenses, sum(m_revenue) AS i_revenue FROM operating_result_fused_monthly_1 GROUP BY ALL
),
operating_result_3 AS (
SELECT p.bucket, p.establishment, COALESCE(p.i_revenue, 0) - COALESCE(p.i_expenses, 0) AS value FROM operating_result_inputs_2 AS p
),
self_financing_capacity_keys_4 AS (
SELECT bucket, establishment FROM treasury_depreciation_0
UNION
SELECT bucket, establishment FROM operating_result_3
),
self_financing_capacity_5 AS (
SELECT k.bucket, k.establishment, i_result.value + COALESCE(i_depreciation.value, 0) AS value
FROM self_financing_capacity_keys_4 AS k
LEFT JOIN treasury_depreciation_0 AS i_depreciation ON k.bucket IS NOT DISTINCT FROM i_depreciation.bucket AND k.establishment IS NOT DISTINCT FROM i_depreciation.establishment
LEFT JOIN operating_result_3 AS i_result ON k.bucket IS NOT DISTINCT FROM i_result.bucket AND k.establishment IS NOT DISTINCT FROM i_result.establishment
),
self_financing_capacity_trailing_6 AS (
SELECT bucket AS month, establishment, CASE WHEN count(*) OVER (PARTITION BY establishment ORDER BY bucket RANGE BETWEEN INTERVAL 11 MONTH PRECEDING AND CURRENT ROW) = 12 THEN sum(value) OVER (PARTITION BY establishment ORDER BY bucket RANGE BETWEEN INTERVAL 11 MONTH PRECEDING AND CURRENT ROW) END AS value
FROM self_financing_capacity_5
),
self_financing_capacity_12m_7 AS (
SELECT DATE '2024-01-01' AS bucket, establishment, arg_max(value, month) AS value FROM self_financing_capacity_trailing_6
WHERE month BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
debt_outstanding_monthly_8 AS (
SELECT DATE '2024-01-01' AS bucket, f.establishment_id AS establishment, f.period AS month, SUM(f.debt_outstanding_eur) AS value
FROM treasury AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
debt_outstanding_9 AS (
SELECT bucket, establishment, arg_max(value, month) AS value FROM debt_outstanding_monthly_8 GROUP BY ALL
),
debt_payback_years_keys_10 AS (
SELECT bucket, establishment FROM self_financing_capacity_12m_7
UNION
SELECT bucket, establishment FROM debt_outstanding_9
),
debt_payback_years_11 AS (
SELECT k.bucket, k.establishment, CASE WHEN i_caf_12m.value <= 0 THEN NULL ELSE i_debt.value / NULLIF(i_caf_12m.value, 0) END AS value
FROM debt_payback_years_keys_10 AS k
LEFT JOIN self_financing_capacity_12m_7 AS i_caf_12m ON k.bucket IS NOT DISTINCT FROM i_caf_12m.bucket AND k.establishment IS NOT DISTINCT FROM i_caf_12m.establishment
LEFT JOIN debt_outstanding_9 AS i_debt ON k.bucket IS NOT DISTINCT FROM i_debt.bucket AND k.establishment IS NOT DISTINCT FROM i_debt.establishment
)
SELECT cur.bucket, cur.establishment, cur.value
FROM debt_payback_years_11 AS cur
QUALIFY row_number() OVER (PARTITION BY cur.bucket ORDER BY cur.value DESC NULLS LAST, cur.establishment) <= 3
ORDER BY cur.bucket, cur.value DESC NULLS LAST, cur.establishment
LIMIT 10001
