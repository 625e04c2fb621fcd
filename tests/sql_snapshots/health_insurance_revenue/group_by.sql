WITH health_insurance_revenue_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.establishment_id AS establishment, SUM(f.actual_eur) AS value
FROM finance AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND (f.section = 'produits' AND f.titre = '1')
GROUP BY ALL
)
SELECT cur.bucket, cur.establishment, cur.value
FROM health_insurance_revenue_0 AS cur
ORDER BY cur.bucket, cur.establishment
LIMIT 10001
