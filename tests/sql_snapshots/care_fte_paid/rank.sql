WITH care_fte_paid_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.pole AS pole, f.period AS month, SUM(f.fte_paid) AS value
FROM hr AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND ((f.staff_group = 'medical' OR f.staff_category IN ('infirmier', 'aide-soignant', 'sage-femme')))
GROUP BY ALL
),
care_fte_paid_1 AS (
SELECT bucket, pole, avg(value) AS value FROM care_fte_paid_monthly_0 GROUP BY ALL
)
SELECT cur.bucket, cur.pole, cur.value
FROM care_fte_paid_1 AS cur
QUALIFY row_number() OVER (PARTITION BY cur.bucket ORDER BY cur.value DESC NULLS LAST, cur.pole) <= 3
ORDER BY cur.bucket, cur.value DESC NULLS LAST, cur.pole
LIMIT 10001
