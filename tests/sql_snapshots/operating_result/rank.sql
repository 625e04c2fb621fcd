WITH operating_result_fused_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.establishment_id AS establishment, f.period AS month, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges') AS m_expenses, SUM(f.actual_eur) FILTER(WHERE f.section = 'produits') AS m_revenue
FROM finance AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND ((f.section = 'charges') OR (f.section = 'produits'))
GROUP BY ALL
),
operating_result_inputs_1 AS (
SELECT bucket, establishment, sum(m_expenses) AS i_expenses, sum(m_revenue) AS i_revenue FROM operating_result_fused_monthly_0 GROUP BY ALL
),
operating_result_2 AS (
SELECT p.bucket, p.establishment, COALESCE(p.i_revenue, 0) - COALESCE(p.i_expenses, 0) AS value FROM operating_result_inputs_1 AS p
)
SELECT cur.bucket, cur.establishment, cur.value
FROM operating_result_2 AS cur
QUALIFY row_number() OVER (PARTITION BY cur.bucket ORDER BY cur.value DESC NULLS LAST, cur.establishment) <= 3
ORDER BY cur.bucket, cur.value DESC NULLS LAST, cur.establishment
LIMIT 10001
