WITH installed_beds_monthly_0 AS (
SELECT f.period AS bucket, f.period AS month, SUM(f.installed_beds) AS value
FROM activity AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
installed_beds_1 AS (
SELECT bucket, avg(value) AS value FROM installed_beds_monthly_0 GROUP BY ALL
)
SELECT cur.bucket, cur.value
FROM installed_beds_1 AS cur
ORDER BY cur.bucket
LIMIT 10001
