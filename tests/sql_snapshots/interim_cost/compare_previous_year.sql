WITH interim_cost_0 AS (
SELECT DATE '2024-01-01' AS bucket, SUM(f.interim_cost_eur) AS value
FROM hr AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
interim_cost_1 AS (
SELECT DATE '2024-01-01' AS bucket, SUM(f.interim_cost_eur) AS value
FROM hr AS f
WHERE f.period BETWEEN DATE '2023-01-01' AND DATE '2023-06-01'
GROUP BY ALL
)
SELECT cur.bucket, cur.value, cmp.value AS compare_value
FROM interim_cost_0 AS cur
LEFT JOIN interim_cost_1 AS cmp ON cur.bucket IS NOT DISTINCT FROM cmp.bucket
ORDER BY cur.bucket
LIMIT 10001
