export { default } from "../budgets/loading";
