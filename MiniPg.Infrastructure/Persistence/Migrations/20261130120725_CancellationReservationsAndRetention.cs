using MiniPg.Domain;
using MiniPg.Infrastructure.Hosting;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MiniPg.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CancellationReservationsAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cancellation_reservations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reserved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cancellation_reservations", x => x.id);
                    table.ForeignKey(
                        name: "fk_cancellation_reservations_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_in_flight",
                table: "payments",
                column: "requested_at",
                filter: "status = 'REQUESTED'");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_published",
                table: "outbox",
                column: "published_at",
                filter: "published_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_created_at",
                table: "idempotency_records",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_card_vault_created_at",
                table: "card_vault",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_cancellation_reservations_payment_id",
                table: "cancellation_reservations",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_cancellation_reservations_reserved_at",
                table: "cancellation_reservations",
                column: "reserved_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cancellation_reservations");

            migrationBuilder.DropIndex(
                name: "ix_payments_in_flight",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_outbox_published",
                table: "outbox");

            migrationBuilder.DropIndex(
                name: "ix_idempotency_records_created_at",
                table: "idempotency_records");

            migrationBuilder.DropIndex(
                name: "ix_card_vault_created_at",
                table: "card_vault");
        }
    }
}
