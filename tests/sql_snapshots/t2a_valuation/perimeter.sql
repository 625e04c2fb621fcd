WITH t2a_valuation_0 AS (
SELECT DATE '2024-01-01' AS bucket, SUM(f.t2a_valuation_eur) AS value
FROM activity AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND f.establishment_id = '990000012'
  AND f.pole = 'Chirurgie'
GROUP BY ALL
)
SELECT cur.bucket, cur.value
FROM t2a_valuation_0 AS cur
ORDER BY cur.bucket
LIMIT 10001
