WITH total_revenue_0 AS (
SELECT DATE '2024-01-01' AS bucket, SUM(f.actual_eur) AS value
FROM finance AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND (f.section = 'produits')
  AND f.establishment_id = '990000012'
GROUP BY ALL
)
SELECT cur.bucket, cur.value
FROM total_revenue_0 AS cur
ORDER BY cur.bucket
LIMIT 10001
