WITH gross_margin_rate_fused_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.period AS month, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges') AS m_expenses, SUM(f.actual_eur) FILTER(WHERE f.section = 'produits') AS m_revenue, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges' AND f.titre = '4') AS m_titre4
FROM finance AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND ((f.section = 'charges') OR (f.section = 'charges' AND f.titre = '4') OR (f.section = 'produits'))
GROUP BY ALL
),
gross_margin_rate_inputs_1 AS (
SELECT bucket, sum(m_expenses) AS i_expenses, sum(m_revenue) AS i_revenue, sum(m_titre4) AS i_titre4 FROM gross_margin_rate_fused_monthly_0 GROUP BY ALL
),
gross_margin_rate_2 AS (
SELECT p.bucket, (p.i_revenue - (p.i_expenses - COALESCE(p.i_titre4, 0))) / NULLIF(p.i_revenue, 0) AS value FROM gross_margin_rate_inputs_1 AS p
),
gross_margin_rate_fused_monthly_3 AS (
SELECT DATE '2024-01-01' AS bucket, CAST(f.period + INTERVAL 12 MONTH AS DATE) AS month, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges') AS m_expenses, SUM(f.actual_eur) FILTER(WHERE f.section = 'produits') AS m_revenue, SUM(f.actual_eur) FILTER(WHERE f.section = 'charges' AND f.titre = '4') AS m_titre4
FROM finance AS f
WHERE f.period BETWEEN DATE '2023-01-01' AND DATE '2023-06-01'
  AND ((f.section = 'charges') OR (f.section = 'charges' AND f.titre = '4') OR (f.section = 'produits'))
GROUP BY ALL
),
gross_margin_rate_inputs_4 AS (
SELECT bucket, sum(m_expenses) AS i_expenses, sum(m_revenue) AS i_revenue, sum(m_titre4) AS i_titre4 FROM gross_margin_rate_fused_monthly_3 GROUP BY ALL
),
gross_margin_rate_5 AS (
SELECT p.bucket, (p.i_revenue - (p.i_expenses - COALESCE(p.i_titre4, 0))) / NULLIF(p.i_revenue, 0) AS value FROM gross_margin_rate_inputs_4 AS p
)
SELECT cur.bucket, cur.value, cmp.value AS compare_value
FROM gross_margin_rate_2 AS cur
LEFT JOIN gross_margin_rate_5 AS cmp ON cur.bucket IS NOT DISTINCT FROM cmp.bucket
ORDER BY cur.bucket
LIMIT 10001
