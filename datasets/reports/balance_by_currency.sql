-- description: Per currency, the sum of the current amounts and the number of transactions.
-- materialize: on_commit
SELECT
  currency,
  sum(amount) AS total_amount,
  count(*) AS transactions
FROM {{bank_transactions}}
GROUP BY currency
ORDER BY currency
