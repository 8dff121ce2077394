-- AlterEnum
ALTER TYPE "KeyStatus" ADD VALUE 'EXPIRED';
