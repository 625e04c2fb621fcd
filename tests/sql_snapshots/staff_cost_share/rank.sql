WITH staff_cost_share_fused_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.pole AS pole, f.period AS month, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges') AS m_expenses, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges' AND f.titre = '1') AS m_staff
FROM finance AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND ((f.section = 'charges') OR (f.section = 'charges' AND f.titre = '1'))
GROUP BY ALL
),
staff_cost_share_inputs_1 AS (
SELECT bucket, pole, sum(m_expenses) AS i_expenses, sum(m_staff) AS i_staff FROM staff_cost_share_fused_monthly_0 GROUP BY ALL
),
staff_cost_share_2 AS (
SELECT p.bucket, p.pole, p.i_staff / NULLIF(p.i_expenses, 0) AS value FROM staff_cost_share_inputs_1 AS p
)
SELECT cur.bucket, cur.pole, cur.value
FROM staff_cost_share_2 AS cur
QUALIFY row_number() OVER (PARTITION BY cur.bucket ORDER BY cur.value DESC NULLS LAST, cur.pole) <= 3
ORDER BY cur.bucket, cur.value DESC NULLS LAST, cur.pole
LIMIT 10001
