WITH payroll_cost_0 AS (
SELECT DATE '2024-01-01' AS bucket, SUM(f.payroll_cost_eur) AS value
FROM hr AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
payroll_cost_1 AS (
SELECT DATE '2024-01-01' AS bucket, SUM(f.payroll_cost_eur) AS value
FROM hr AS f
WHERE f.period BETWEEN DATE '2023-01-01' AND DATE '2023-06-01'
GROUP BY ALL
)
SELECT cur.bucket, cur.value, cmp.value AS compare_value
FROM payroll_cost_0 AS cur
LEFT JOIN payroll_cost_1 AS cmp ON cur.bucket IS NOT DISTINCT FROM cmp.bucket
ORDER BY cur.bucket
LIMIT 10001
