const siteRoot = "top";
export default siteRoot;
