-- description: Per booking day and currency, the sum of the amounts and the number of transactions.
-- parameters:
--   from:
--     type: date
--     required: true
--   to:
--     type: date
--     required: true
SELECT
  booking_date,
  currency,
  sum(amount) AS total_amount,
  count(*) AS transactions
FROM {{bank_transactions}}
WHERE booking_date BETWEEN :from AND :to
GROUP BY booking_date, currency
ORDER BY booking_date, currency
