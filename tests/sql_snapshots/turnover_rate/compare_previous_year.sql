WITH turnover_rate_fused_monthly_0 AS (
SELECT DATE '2024-01-01' AS bucket, f.period AS month, SUM(f.departures) AS m_departures, SUM(f.headcount) AS m_headcount, SUM(f.hires) AS m_hires
FROM hr AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
turnover_rate_inputs_1 AS (
SELECT bucket, sum(m_departures) AS i_departures, avg(m_headcount) AS i_headcount, sum(m_hires) AS i_hires FROM turnover_rate_fused_monthly_0 GROUP BY ALL
),
turnover_rate_2 AS (
SELECT p.bucket, (p.i_hires + p.i_departures) / NULLIF(2, 0) / NULLIF(p.i_headcount, 0) AS value FROM turnover_rate_inputs_1 AS p
),
turnover_rate_fused_monthly_3 AS (
SELECT DATE '2024-01-01' AS bucket, CAST(f.period + INTERVAL 12 MONTH AS DATE) AS month, SUM(f.departures) AS m_departures, SUM(f.headcount) AS m_headcount, SUM(f.hires) AS m_hires
FROM hr AS f
WHERE f.period BETWEEN DATE '2023-01-01' AND DATE '2023-06-01'
GROUP BY ALL
),
turnover_rate_inputs_4 AS (
SELECT bucket, sum(m_departures) AS i_departures, avg(m_headcount) AS i_headcount, sum(m_hires) AS i_hires FROM turnover_rate_fused_monthly_3 GROUP BY ALL
),
turnover_rate_5 AS (
SELECT p.bucket, (p.i_hires + p.i_departures) / NULLIF(2, 0) / NULLIF(p.i_headcount, 0) AS value FROM turnover_rate_inputs_4 AS p
)
SELECT cur.bucket, cur.value, cmp.value AS compare_value
FROM turnover_rate_2 AS cur
LEFT JOIN turnover_rate_5 AS cmp ON cur.bucket IS NOT DISTINCT FROM cmp.bucket
ORDER BY cur.bucket
LIMIT 10001
