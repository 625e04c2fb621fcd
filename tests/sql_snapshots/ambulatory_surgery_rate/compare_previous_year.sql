WITH ambulatory_surgery_rate_0 AS (
SELECT DATE '2024-01-01' AS bucket, (SUM(f.ambulatory_surgeries)) / NULLIF(SUM(f.surgeries), 0) AS value
FROM activity AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
ambulatory_surgery_rate_1 AS (
SELECT DATE '2024-01-01' AS bucket, (SUM(f.ambulatory_surgeries)) / NULLIF(SUM(f.surgeries), 0) AS value
FROM activity AS f
WHERE f.period BETWEEN DATE '2023-01-01' AND DATE '2023-06-01'
GROUP BY ALL
)
SELECT cur.bucket, cur.value, cmp.value AS compare_value
FROM ambulatory_surgery_rate_0 AS cur
LEFT JOIN ambulatory_surgery_rate_1 AS cmp ON cur.bucket IS NOT DISTINCT FROM cmp.bucket
ORDER BY cur.bucket
LIMIT 10001
