WITH turnover_rate_fused_monthly_0 AS (
SELECT f.period AS bucket, f.period AS month, SUM(f.departures) AS m_departures, SUM(f.headcount) AS m_headcount, SUM(f.hires) AS m_hires
FROM hr AS f
WHERE f.period BETWEEN DATE '2024-01-01' AND DATE '2024-06-01'
GROUP BY ALL
),
turnover_rate_inputs_1 AS (
SELECT bucket, sum(m_departures) AS i_departures, avg(m_headcount) AS i_headcount, sum(m_hires) AS i_hires FROM turnover_rate_fused_monthly_0 GROUP BY ALL
),
turnover_rate_2 AS (
SELECT p.bucket, (p.i_hires + p.i_departures) / NULLIF(2, 0) / NULLIF(p.i_headcount, 0) AS value FROM turnover_rate_inputs_1 AS p
)
SELECT cur.bucket, cur.value
FROM turnover_rate_2 AS cur
ORDER BY cur.bucket
LIMIT 10001
