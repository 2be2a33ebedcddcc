-- missing_required is not only an empty name or ID number: a partner's required field (a visit date, a
-- policy number) is refused for it too. The label says so, and matches what feedback files print.
UPDATE ref.reject_reason
   SET label_zh = '必填项为空',
       label_en = 'A required value (name, ID number or another required field) is empty'
 WHERE code = 'missing_required';
