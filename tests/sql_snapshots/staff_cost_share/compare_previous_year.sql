WITH staff_cost_share_fused_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.period AS month, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges') AS m_expenses, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges' AND f.titre = '1') AS m_staff
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
),
staff_cost_share_fused_monthly_3 AS (
SELECT DATE '2024-01-01' AS bucket, CAST(f.period + INTERVAL 12 MONTH AS DATE) AS month, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges') AS m_expenses, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges' AND f.titre = '1') AS m_staff
FROM finance AS f
WHERE f.period BETWEEN DATE '2023-01-01' AND DATE '2023-06-01'
  AND ((f.section = 'charges') OR (f.section = 'charges' AND f.titre = '1'))
GROUP BY ALL
),
staff_cost_share_inputs_4 AS (
SELECT bucket, sum(m_expenses) AS i_expenses, sum(m_staff) AS i_staff FROM staff_cost_share_fused_monthly_3 GROUP BY ALL
),
staff_cost_share_5 AS (
SELECT p.bucket, p.i_staff / NULLIF(p.i_expenses, 0) AS value FROM staff_cost_share_inputs_4 AS p
)
SELECT cur.bucket, cur.value, cmp.value AS compare_value
FROM staff_cost_share_2 AS cur
LEFT JOIN staff_cost_share_5 AS cmp ON cur.bucket IS NOT DISTINCT FROM cmp.bucket
ORDER BY cur.bucket
LIMIT 10001
