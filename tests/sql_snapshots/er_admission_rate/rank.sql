WITH er_admission_rate_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.pole AS pole, (SUM(f.er_admissions)) / NULLIF(SUM(f.er_visits), 0) AS value
FROM activity AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
)
SELECT cur.bucket, cur.pole, cur.value
FROM er_admission_rate_0 AS cur
QUALIFY row_number() OVER (PARTITION BY cur.bucket ORDER BY cur.value DESC NULLS LAST, cur.pole) <= 3
ORDER BY cur.bucket, cur.value DESC NULLS LAST, cur.pole
LIMIT 10001
