package cn.jiangmen.vethub.partner;

import java.util.Map;

import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.source.PartnerSettings.Target;

/**
 * One valid partner row, normalized into the columns of its fact table.
 *
 * @param target the fact table
 * @param key the record key (unique per partner in the table)
 * @param idCard the normalized ID number that links it to a person; null for a fact of a
 * target about no person ({@link Target#personal()})
 * @param columns table column to value (LocalDate, BigDecimal, String); without
 * source_id, partner_id and run_id, which the loader adds
 * @param origin the row it came from (file, sheet, row number), kept to reject it later
 * (duplicate, unknown person) and, where the table keeps them, stored with the fact
 */
record PartnerFact(Target target, String key, String idCard, Map<String, Object> columns, RejectedRow origin) {

}
