WITH care_fte_paid_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.pole AS pole, f.period AS month, SUM(f.fte_paid) AS value
FROM hr AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND ((f.staff_group = 'medical' OR f.staff_category IN ('infirmier', 'aide-soignant', 'sage-femme')))
GROUP BY ALL
),
care_fte_paid_1 AS (
SELECT bucket, pole, avg(value) AS value FROM care_fte_paid_monthly_0 GROUP BY ALL
),
t2a_valuation_2 AS (
SELECT DATE '2024-01-01' AS bucket, f.pole AS pole, SUM(f.t2a_valuation_eur) AS value
FROM activity AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
t2a_per_fte_keys_3 AS (
SELECT bucket, pole FROM care_fte_paid_1
UNION
SELECT bucket, pole FROM t2a_valuation_2
),
t2a_per_fte_4 AS (
SELECT k.bucket, k.pole, i_t2a.value / NULLIF(i_care_fte.value, 0) AS value
FROM t2a_per_fte_keys_3 AS k
LEFT JOIN care_fte_paid_1 AS i_care_fte ON k.bucket IS NOT DISTINCT FROM i_care_fte.bucket AND k.pole IS NOT DISTINCT FROM i_care_fte.pole
LEFT JOIN t2a_valuation_2 AS i_t2a ON k.bucket IS NOT DISTINCT FROM i_t2a.bucket AND k.pole IS NOT DISTINCT FROM i_t2a.pole
)
SELECT cur.bucket, cur.pole, cur.value
FROM t2a_per_fte_4 AS cur
QUALIFY row_number() OVER (PARTITION BY cur.bucket ORDER BY cur.value DESC NULLS LAST, cur.pole) <= 3
ORDER BY cur.bucket, cur.value DESC NULLS LAST, cur.pole
LIMIT 10001
