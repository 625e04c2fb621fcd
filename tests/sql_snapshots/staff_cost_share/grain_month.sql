WITH staff_cost_share_fused_monthly_0 AS (
SELECT f.period AS bucket, f.period AS month, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges') AS m_expenses, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges' AND f.titre = '1') AS m_staff
FROM finance AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND ((f.section = 'charges') OR (f.section = 'charges' AND f.titre = '1'))
GROUP BY ALL
),
staff_cost_share_inputs_1 AS (
SELECT bucket, sum(m_expenses) AS i_expenses, sum(m_staff) AS i_staff FROM staff_cost_share_fused_monthly_0 GROUP BY ALL
),
staff_cost_share_2 AS (
SELECT p.bucket, p.i_staff / NULLIF(p.i_expenses, 0) AS value FROM staff_cost_share_inputs_1 AS p
)
SELECT cur.bucket, cur.value
FROM staff_cost_share_2 AS cur
ORDER BY cur.bucket
LIMIT 10001
