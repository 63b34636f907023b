-- The segment worksheet (市场细分作业单) keeps one next action per product line: what the
-- team will do next with that segment's customers, written on the worksheet.
ALTER TABLE product_lines ADD COLUMN segment_action TEXT;
