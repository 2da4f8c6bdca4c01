import { AppError, toErrorResponse } from "@/lib/api/errors";

// Any other /api path: the contract's 404 instead of an HTML page.
const notFound = async () => toErrorResponse(new AppError("not_found", "No such API route; see /api/openapi.json"));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
