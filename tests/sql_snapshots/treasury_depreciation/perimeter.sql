WITH treasury_depreciation_0 AS (
SELECT DATE '2024-01-01' AS bucket, SUM(f.depreciation_eur) AS value
FROM treasury AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND f.establishment_id = '990000012'
GROUP BY ALL
)
SELECT cur.bucket, cur.value
FROM treasury_depreciation_0 AS cur
ORDER BY cur.bucket
LIMIT 10001
