using MiniPg.Domain;
using MiniPg.Infrastructure.Hosting;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MiniPg.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Settlement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fee_contracts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    fee_rate = table.Column<int>(type: "integer", nullable: false),
                    payout_delay_business_days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_contracts", x => x.id);
                    table.ForeignKey(
                        name: "fk_fee_contracts_merchants_merchant_id",
                        column: x => x.merchant_id,
                        principalTable: "merchants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "settlement_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_date = table.Column<DateOnly>(type: "date", nullable: false),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cancellation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    order_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    supply_fee = table.Column<long>(type: "bigint", nullable: false),
                    vat = table.Column<long>(type: "bigint", nullable: false),
                    net = table.Column<long>(type: "bigint", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settlement_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_date = table.Column<DateOnly>(type: "date", nullable: false),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    gross_amount = table.Column<long>(type: "bigint", nullable: false),
                    cancelled_amount = table.Column<long>(type: "bigint", nullable: false),
                    fee_amount = table.Column<long>(type: "bigint", nullable: false),
                    fee_vat = table.Column<long>(type: "bigint", nullable: false),
                    net_amount = table.Column<long>(type: "bigint", nullable: false),
                    payment_count = table.Column<int>(type: "integer", nullable: false),
                    payout_date = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settlement_runs",
                columns: table => new
                {
                    business_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failure = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_runs", x => x.business_date);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fee_contracts_merchant_id_effective_from",
                table: "fee_contracts",
                columns: new[] { "merchant_id", "effective_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_settlement_items_business_date_merchant_id",
                table: "settlement_items",
                columns: new[] { "business_date", "merchant_id" });

            migrationBuilder.CreateIndex(
                name: "ux_settlement_items_approval",
                table: "settlement_items",
                column: "payment_id",
                unique: true,
                filter: "kind = 'APPROVAL'");

            migrationBuilder.CreateIndex(
                name: "ux_settlement_items_cancellation",
                table: "settlement_items",
                column: "cancellation_id",
                unique: true,
                filter: "cancellation_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_settlement_lines_business_date_merchant_id",
                table: "settlement_lines",
                columns: new[] { "business_date", "merchant_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_settlement_lines_merchant_id_business_date",
                table: "settlement_lines",
                columns: new[] { "merchant_id", "business_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fee_contracts");

            migrationBuilder.DropTable(
                name: "settlement_items");

            migrationBuilder.DropTable(
                name: "settlement_lines");

            migrationBuilder.DropTable(
                name: "settlement_runs");
        }
    }
}
