WITH payroll_cost_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.pole AS pole, SUM(f.payroll_cost_eur) AS value
FROM hr AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
)
SELECT cur.bucket, cur.pole, cur.value
FROM payroll_cost_0 AS cur
ORDER BY cur.bucket, cur.pole
LIMIT 10001
