WITH general_expenses_0 AS (
SELECT DATE '2024-01-01' AS bucket, SUM(f.actual_eur) AS value
FROM finance AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
  AND (f.section = 'charges' AND f.titre = '3')
GROUP BY ALL
),
general_expenses_1 AS (
SELECT DATE '2024-01-01' AS bucket, SUM(f.actual_eur) AS value
FROM finance AS f
WHERE f.period BETWEEN DATE '2023-01-01' AND DATE '2023-06-01'
  AND (f.section = 'charges' AND f.titre = '3')
GROUP BY ALL
)
SELECT cur.bucket, cur.value, cmp.value AS compare_value
FROM general_expenses_0 AS cur
LEFT JOIN general_expenses_1 AS cmp ON cur.bucket IS NOT DISTINCT FROM cmp.bucket
ORDER BY cur.bucket
LIMIT 10001
