WITH care_fte_paid_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.period AS month, SUM(f.fte_paid) AS value
FROM hr AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND ((f.staff_group = 'medical' OR f.staff_category IN ('infirmier', 'aide-soignant', 'sage-femme')))
  AND f.establishment_id = '990000012'
  AND f.pole = 'Chirurgie'
GROUP BY ALL
),
care_fte_paid_1 AS (
SELECT bucket, avg(value) AS value FROM care_fte_paid_monthly_0 GROUP BY ALL
),
t2a_valuation_2 AS (
SELECT DATE '2024-01-01' AS bucket, SUM(f.t2a_valuation_eur) AS value
FROM activity AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND f.establishment_id = '990000012'
  AND f.pole = 'Chirurgie'
GROUP BY ALL
),
t2a_per_fte_keys_3 AS (
SELECT bucket FROM care_fte_paid_1
UNION
SELECT bucket FROM t2a_valuation_2
),
t2a_per_fte_4 AS (
SELECT k.bucket, i_t2a.value / NULLIF(i_care_fte.value, 0) AS value
FROM t2a_per_fte_keys_3 AS k
LEFT JOIN care_fte_paid_1 AS i_care_fte ON k.bucket IS NOT DISTINCT FROM i_care_fte.bucket
LEFT JOIN t2a_valuation_2 AS i_t2a ON k.bucket IS NOT DISTINCT FROM i_t2a.bucket
)
SELECT cur.bucket, cur.value
FROM t2a_per_fte_4 AS cur
ORDER BY cur.bucket
LIMIT 10001
