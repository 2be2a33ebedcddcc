/**
 * County spreadsheets: the 花名册 (veteran rosters) and 解三难救助发放明细 (hardship payments) that
 * each county drops into {@code inbox/county/<county-id>/}, read, normalized row by row,
 * loaded in one transaction per file, and answered with a feedback file.
 */
package cn.jiangmen.vethub.county;
